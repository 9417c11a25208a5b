import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – NghiemThu`;
  }, [title]);
}

/**
 * The page's one h1. It names the browser tab and, when a page opens, takes the focus
 * unless something on the page already has it (a form's first field), so keyboard and
 * screen-reader users start reading at the new page instead of the link they used.
 */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(children);
  useEffect(() => {
    const main = ref.current?.closest('main');
    if (main && !main.contains(document.activeElement)) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <Title order={1} size="h2" ref={ref} tabIndex={-1} style={{ outline: 'none' }}>
      {children}
    </Title>
  );
}
