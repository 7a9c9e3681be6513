import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** One graph of a dashboard row: the metric behind an alarm, with the alarm's threshold line. */
export interface DashboardGraph {
  readonly title: string;
  readonly metric: cloudwatch.IMetric;
  readonly alarm?: cloudwatch.Alarm;
}

const GRID_WIDTH = 24;

/**
 * Adds a row for one monitored resource: a heading naming it, then one graph per alarm side by
 * side (as wide as the row allows, at least 4 columns: more than 6 graphs wrap onto a second line).
 */
export function addDashboardRow(dashboard: cloudwatch.Dashboard, heading: string, graphs: DashboardGraph[]): void {
  dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: `### ${heading}`, width: GRID_WIDTH, height: 1 }));
  if (graphs.length === 0) return;
  const width = Math.max(4, Math.floor(GRID_WIDTH / graphs.length));
  dashboard.addWidgets(...graphs.map((graph) => new cloudwatch.GraphWidget({
    title: graph.title,
    left: [graph.metric],
    leftAnnotations: graph.alarm ? [graph.alarm.toAnnotation()] : undefined,
    width,
    height: 6,
  })));
}
