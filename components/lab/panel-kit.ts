"use client";
/**
 * What a lab's own panels (the `panel` of a step, a "use client" component) build with: the page's
 * live snapshot, a hook that runs the step's actions, and a way to refresh live views.
 */
export { useLabLive } from "./lab-live-context";
export { useLabAction, type ActionResponse, type LabActionState, type PlainParams } from "./use-lab-action";
export { requestLiveRefresh } from "@/lib/live/use-live";
export { useElapsed } from "./use-elapsed";
export { Countdown, formatSeconds } from "./countdown";
export { fastForwardBy, useCanFastForward } from "./fast-forward";
