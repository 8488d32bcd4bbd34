import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** Series colours shared by every chart so a measure keeps its colour across pages. */
export const COLORS = {
  used: '#d9480f',
  held: '#f59f00',
  available: '#2f9e44',
  champion: '#868e96',
  challenger: '#1c7ed6',
  spend: '#1c7ed6',
  repaid: '#2f9e44',
  primary: '#5f3dc4',
  secondary: '#adb5bd',
};

/** A fixed-height, full-width chart; a label lets tests and screen readers find it. */
export function ChartBox({ label, height = 240, children }: { label: string; height?: number; children: ReactElement }) {
  return (
    <figure className="chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={height} minWidth={200}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}
