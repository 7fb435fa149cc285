'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cx } from './ui.tsx';

const ITEMS = [
  { href: '', label: 'Overview' },
  { href: '/calls', label: 'Calls' },
  { href: '/live', label: 'Live calls' },
  { href: '/appointments', label: 'Appointments' },
  { href: '/messages', label: 'Messages' },
  { href: '/questions', label: 'Questions' },
  { href: '/customers', label: 'Customers' },
  { href: '/test', label: 'Test call' },
  { href: '/numbers', label: 'Phone numbers' },
  { href: '/settings', label: 'Settings' },
  { href: '/api-keys', label: 'API keys' },
  { href: '/webhooks', label: 'Webhooks' },
  { href: '/billing', label: 'Billing' },
] as const;

export function SidebarNav({ businessId }: { businessId: string }) {
  const pathname = usePathname();
  const base = `/b/${businessId}`;
  return (
    <nav className="flex flex-col gap-1" aria-label="Dashboard">
      {ITEMS.map((item) => {
        const href = `${base}${item.href}`;
        const active = item.href === '' ? pathname === base : pathname.startsWith(href);
        return (
          <Link
            key={item.label}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={cx(
              'whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition',
              active
                ? 'bg-brand-50 text-brand-700'
                : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
