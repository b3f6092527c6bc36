/**
 * The chart module with line charts and legends registered too: the analysis screens load this
 * one, so the dashboard's chart chunk stays as small as it was.
 */
import { use } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { LegendComponent, MarkLineComponent } from 'echarts/components';

use([LineChart, LegendComponent, MarkLineComponent]);

export { default } from './EChart.tsx';
