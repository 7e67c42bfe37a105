import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/site-header";
import { summarizeConnection } from "@/lib/aws/connection-summary";
import { currentSettings, currentTheme } from "@/lib/aws/current-settings";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Messaging Labs", template: "%s · Messaging Labs" },
  description: "Hands-on AWS messaging labs in your browser: SQS, SNS, DynamoDB Streams, Kinesis and EventBridge Pipes.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [settings, theme] = await Promise.all([currentSettings({ visitors: "allow" }), currentTheme()]);
  const summary = await summarizeConnection(settings);
  return (
    <html lang="en" className={theme === "system" ? undefined : theme}>
      <body className="min-h-screen bg-bg text-fg">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
          Skip to content
        </a>
        <SiteHeader summary={summary} theme={theme} />
        <div id="main">{children}</div>
      </body>
    </html>
  );
}
