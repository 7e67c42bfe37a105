import { listProfiles } from "@/lib/aws/profiles";
import { json } from "@/lib/api/responses";
import { query } from "@/lib/api/route";

/** Profile names only: the SDK reads the credentials in them when a call is made. */
export const GET = query(async () => {
  const { profiles } = await listProfiles();
  return json({ profiles });
});
