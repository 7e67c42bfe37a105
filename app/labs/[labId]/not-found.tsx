import Link from "next/link";

export default function LabNotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-20 text-center">
      <h1 className="text-2xl font-semibold text-fg">No such lab</h1>
      <p className="mt-2 text-muted">The lab you asked for is not in the catalogue.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-accent underline underline-offset-2">
        See all labs
      </Link>
    </main>
  );
}
