import { AssemblyModel, ModelResource, ModelStack } from './private/assembly-model';
import { PriceBook, priceResource, PricingAssumptions } from './private/cost-pricers';
import { AS_OF } from './private/price-table';
import { propName, refuse } from '../private/validation';

/** One priced line: quantity x unit price = monthly. */
export interface CostLineItem {
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The construct the resource belongs to (its path below the stack, cut at `constructDepth`). */
  readonly construct: string;
  /** The construct path of the resource. */
  readonly resource: string;
  /** The resource's CloudFormation type. */
  readonly resourceType: string;
  /** What is charged, e.g. `NAT gateway hours`. */
  readonly description: string;
  /** How many units a month. */
  readonly quantity: number;
  /** The unit, e.g. `hour`, `GB-month`. */
  readonly unit: string;
  /** USD per unit (discounts such as Fargate Spot applied). */
  readonly unitPrice: number;
  /** USD a month: quantity x unit price. */
  readonly monthly: number;
  /** The region whose price applies. */
  readonly region: string;
  /** The assumption the quantity rests on, if any. */
  readonly assumption?: string;
  /** The AWS pricing page of the unit price. */
  readonly source: string;
}

/** A construct's monthly total. */
export interface CostConstructTotal {
  /** The construct path below the stack. */
  readonly construct: string;
  /** USD a month. */
  readonly monthly: number;
}

/** A resource whose cost is only usage (requests, storage, data transfer): $0 at idle, listed so nothing is dropped silently. */
export interface CostUsageBasedResource {
  readonly stackName: string;
  readonly resource: string;
  readonly resourceType: string;
  /** What it is charged for. */
  readonly chargedFor: string;
}

/** A resource the estimate cannot price: it is not in the total. */
export interface CostUnpricedResource {
  readonly stackName: string;
  readonly resource: string;
  readonly resourceType: string;
  /** Why it has no price. */
  readonly reason: string;
}

/** The estimate of one stack. */
export interface CostStackEstimate {
  readonly stackName: string;
  /** The region the stack deploys to (or the default region assumed). */
  readonly region: string;
  /** USD a month. */
  readonly monthly: number;
  /** Monthly totals per construct, most expensive first. */
  readonly constructs: CostConstructTotal[];
  readonly lineItems: CostLineItem[];
}

/** Options of a cost estimate. */
export interface CostEstimateOptions {
  /**
   * Hours in a month.
   * @default 730
   */
  readonly hoursPerMonth?: number;
  /**
   * Region assumed for environment-agnostic stacks.
   * @default 'us-east-1'
   */
  readonly defaultRegion?: string;
  /**
   * Load balancer capacity units (LCU) used on average per load balancer.
   * @default 0 - idle traffic
   */
  readonly loadBalancerCapacityUnits?: number;
  /**
   * GB ingested a month per CloudWatch Logs log group.
   * @default 0.1 - health checks and startup logs of an idle app
   */
  readonly logIngestionGbPerLogGroup?: number;
  /**
   * GB stored per Aurora cluster.
   * @default 1
   */
  readonly databaseStorageGb?: number;
  /**
   * GB of backups per AWS Backup selection (and per copy of it).
   * @default 1
   */
  readonly backupStorageGb?: number;
  /**
   * How many path segments below the stack name a construct (for the per-construct totals).
   * @default 2
   */
  readonly constructDepth?: number;
}

/** The result of a cost estimate. */
export interface CostEstimateReport {
  /** USD a month, every stack (unpriced resources not included). */
  readonly monthly: number;
  readonly stacks: CostStackEstimate[];
  /** Resources charged by usage only: $0 at idle traffic. */
  readonly usageBased: CostUsageBasedResource[];
  /** Resources not priced (not in the total). */
  readonly unpriced: CostUnpricedResource[];
  /** The assumptions every figure rests on. */
  readonly assumptions: string[];
  /** The date of the price table. */
  readonly pricesAsOf: string;
}

/**
 * A monthly cost estimate of a synthesized cloud assembly (any CDK app, with or without this
 * library's constructs), from its templates, so it prices what will be deployed: per stack, per
 * construct and per line item (quantity x unit price = monthly), at AWS list prices from a checked-in,
 * dated table (us-east-1, ap-northeast-1, and the backup-copy regions ap-northeast-3 and us-west-2).
 *
 * It estimates an idle app: 730 hours, no traffic, ECS services at their auto-scaling minimum (else
 * their desired count), Aurora Serverless v2 at its minimum ACU. A resource it cannot price is listed
 * in `unpriced`, never counted as zero; resources billed only by usage are listed in `usageBased`.
 *
 * Run it on `cdk.out` with `npx cdk-webapp-patterns cost cdk.out`, or in a test on
 * `app.synth().directory`.
 */
export class CostEstimate {
  /** Estimates the cloud assembly in `assemblyDirectory` (e.g. `cdk.out`). */
  public static fromAssembly(assemblyDirectory: string, options: CostEstimateOptions = {}): CostEstimateReport {
    const assumptions: PricingAssumptions = {
      hoursPerMonth: positive('hoursPerMonth', options.hoursPerMonth ?? 730),
      lcuPerLoadBalancer: nonNegative('loadBalancerCapacityUnits', options.loadBalancerCapacityUnits ?? 0),
      logIngestionGbPerLogGroup: nonNegative('logIngestionGbPerLogGroup', options.logIngestionGbPerLogGroup ?? 0.1),
      databaseStorageGb: nonNegative('databaseStorageGb', options.databaseStorageGb ?? 1),
      backupStorageGb: nonNegative('backupStorageGb', options.backupStorageGb ?? 1),
    };
    const depth = positive('constructDepth', options.constructDepth ?? 2);
    const defaultRegion = options.defaultRegion ?? 'us-east-1';
    const model = AssemblyModel.load(assemblyDirectory);
    const usageBased: CostUsageBasedResource[] = [];
    const unpriced: CostUnpricedResource[] = [];
    const stacks = model.stacks.map((stack) => {
      const region = stack.region ?? defaultRegion;
      const context = { model, prices: new PriceBook(region), assumptions };
      const lineItems: CostLineItem[] = [];
      for (const resource of stack.resources.values()) {
        const result = priceResource(resource, context);
        if (!result) continue;
        const base = { stackName: stack.stackName, resource: resource.path, resourceType: resource.type };
        if (result.kind === 'unpriced') {unpriced.push({ ...base, reason: result.reason });} else if (result.kind === 'usage') {usageBased.push({ ...base, chargedFor: result.note });} else {
          for (const l of result.lines) {
            lineItems.push({
              ...base,
              construct: constructOf(stack, resource, depth),
              description: l.description,
              quantity: round(l.quantity, 4),
              unit: l.unit,
              unitPrice: l.unitPrice,
              monthly: round(l.quantity * l.unitPrice, 2),
              region: l.region ?? region,
              assumption: l.assumption,
              source: l.source,
            });
          }
        }
      }
      const totals = new Map<string, number>();
      for (const item of lineItems) totals.set(item.construct, (totals.get(item.construct) ?? 0) + item.monthly);
      const constructs = [...totals.entries()].map(([construct, monthly]) => ({ construct, monthly: round(monthly, 2) }))
        .sort((a, b) => b.monthly - a.monthly);
      return { stackName: stack.stackName, region, monthly: round(sum(lineItems), 2), constructs, lineItems };
    });
    return {
      monthly: round(stacks.reduce((a, s) => a + s.monthly, 0), 2),
      stacks,
      usageBased,
      unpriced,
      assumptions: [
        `AWS list prices (USD, on-demand, no free tier, no Savings Plans) as of ${AS_OF}`,
        `${assumptions.hoursPerMonth} hours a month; idle traffic: no requests, no data transfer, ${assumptions.lcuPerLoadBalancer} LCU per load balancer`,
        'ECS services at their auto-scaling minimum (else their desired count); Aurora Serverless v2 at its minimum ACU',
        `${assumptions.logIngestionGbPerLogGroup} GB a month ingested per log group; ${assumptions.databaseStorageGb} GB per Aurora cluster; ${assumptions.backupStorageGb} GB per backup selection and copy`,
        `environment-agnostic stacks priced in ${defaultRegion}`,
      ],
      pricesAsOf: AS_OF,
    };
  }

  /** A report as text: per stack, its line items grouped by construct, then the unpriced and usage-based resources and the assumptions. */
  public static format(report: CostEstimateReport): string {
    const out: string[] = [];
    for (const stack of report.stacks) {
      out.push(`Stack ${stack.stackName} (${stack.region}): ${usd(stack.monthly)}/month`);
      for (const construct of stack.constructs) {
        out.push(`  ${construct.construct}: ${usd(construct.monthly)}`);
        for (const item of grouped(stack, construct.construct)) {
          const region = item.region !== stack.region ? ` [${item.region}]` : '';
          out.push(`    ${item.description}${region}: ${item.quantity} ${item.unit} x $${unitPrice(item.unitPrice)} = ${usd(item.monthly)}`
            + (item.assumption ? `  (${item.assumption})` : ''));
        }
      }
    }
    if (report.unpriced.length > 0) {
      out.push('', `Unpriced (not in the total): ${report.unpriced.length}`);
      for (const u of report.unpriced) out.push(`  ${u.resource} (${u.resourceType}): ${u.reason}`);
    }
    if (report.usageBased.length > 0) {
      const counts = new Map<string, number>();
      for (const u of report.usageBased) counts.set(`${u.resourceType} (${u.chargedFor})`, (counts.get(`${u.resourceType} (${u.chargedFor})`) ?? 0) + 1);
      out.push('', 'Usage-based, $0 at idle traffic:', ...[...counts.entries()].map(([k, n]) => `  ${n} x ${k}`));
    }
    out.push('', 'Assumptions:', ...report.assumptions.map((a) => `  - ${a}`));
    out.push('', `Total: ${usd(report.monthly)}/month in ${report.stacks.length} stack(s)`
      + (report.unpriced.length > 0 ? ` (+ ${report.unpriced.length} unpriced resource(s))` : ''));
    return out.join('\n');
  }

  /** A report as a Markdown table (line items by construct, with totals), e.g. for a README. */
  public static formatMarkdown(report: CostEstimateReport): string {
    const out: string[] = ['| Stack | Construct | Line item | Quantity | Unit price | Monthly |', '| --- | --- | --- | ---: | ---: | ---: |'];
    for (const stack of report.stacks) {
      for (const construct of stack.constructs) {
        for (const item of grouped(stack, construct.construct)) {
          out.push(`| ${stack.stackName} | ${construct.construct} | ${item.description} | ${item.quantity} ${item.unit} | $${unitPrice(item.unitPrice)} | ${usd(item.monthly)} |`);
        }
      }
      out.push(`| **${stack.stackName}** | | **total (${stack.region})** | | | **${usd(stack.monthly)}** |`);
    }
    if (report.stacks.length > 1) out.push(`| **all stacks** | | | | | **${usd(report.monthly)}** |`);
    return out.join('\n');
  }
}

/** A construct's line items, those alike (same description, unit price, region and assumption) summed into one, e.g. `13 x CloudWatch alarm`. */
function grouped(stack: CostStackEstimate, construct: string): CostLineItem[] {
  const groups = new Map<string, CostLineItem[]>();
  for (const item of stack.lineItems.filter((i) => i.construct === construct)) {
    const key = [item.description, item.unitPrice, item.region, item.assumption].join('|');
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].map((items) => items.length === 1 ? items[0] : {
    ...items[0],
    description: `${items.length} x ${items[0].description}`,
    quantity: round(items.reduce((a, i) => a + i.quantity, 0), 4),
    monthly: round(sum(items), 2),
  });
}

function unitPrice(n: number): string {
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function constructOf(stack: ModelStack, resource: ModelResource, depth: number): string {
  const prefix = `${stack.displayName}/`;
  const below = resource.path.startsWith(prefix) ? resource.path.slice(prefix.length) : resource.path.split('/').slice(1).join('/');
  const parts = below.split('/');
  const kept = parts.slice(0, Math.min(depth, Math.max(1, parts.length - 1)));
  return kept.join('/') || resource.logicalId;
}

function sum(items: CostLineItem[]): number {
  return items.reduce((a, i) => a + i.monthly, 0);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) refuse(`CostEstimate: ${propName(name)} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) refuse(`CostEstimate: ${propName(name)} must be zero or more, got ${value}`);
  return value;
}
