/**
 * Sends what a handler prints with console.log / info / warn / error to its invocation's log
 * buffer, as Lambda sends a function's stdout to CloudWatch Logs. Code outside an invocation
 * prints as usual. Installed once per process; idempotent.
 */
import { formatWithOptions } from "node:util";
import { currentInvocation } from "../function/invocation-scope";
import type { ConsoleLogLine } from "./log-line";

const INSTALLED = Symbol.for("messaging-labs.runtime.console-capture");
const MAX_MESSAGE_CHARS = 8_000;

type ConsoleMethod = "log" | "info" | "warn" | "error";
const LEVELS: Record<ConsoleMethod, ConsoleLogLine["level"]> = { log: "info", info: "info", warn: "warn", error: "error" };

export function installConsoleCapture(): void {
  const holder = console as Console & { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  for (const method of Object.keys(LEVELS) as ConsoleMethod[]) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const scope = currentInvocation();
      if (!scope) return original(...args);
      let message = formatWithOptions({ colors: false, depth: 4 }, ...args);
      if (message.length > MAX_MESSAGE_CHARS) message = `${message.slice(0, MAX_MESSAGE_CHARS)}… (truncated)`;
      scope.write({
        type: "console",
        timestamp: new Date().toISOString(),
        requestId: scope.requestId,
        function: scope.functionName,
        level: LEVELS[method],
        message,
      });
    };
  }
}
