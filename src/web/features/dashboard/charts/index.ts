/**
 * The dashboard's chart component, loaded lazily (its module carries ECharts) and preloadable:
 * the dashboard route starts loading it alongside its data, and it then renders without
 * suspending.
 */
import { preloadable } from '../../../app/preloadable.tsx';

export type { EChartProps } from './EChart.tsx';
export const EChart = preloadable(() => import('./EChart.tsx'));
