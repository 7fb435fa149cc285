import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'AI Receptionist', template: '%s · AI Receptionist' },
  description: 'A voice AI receptionist for small businesses',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        {/* The first Tab stop on every page: past the navigation, straight to the page's own content. */}
        <a
          href="#main-content"
          className="sr-only rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow ring-1 ring-slate-300 focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
