// The shared rules for each kind of input the constructs take (durations, retention, DNS names, email
// addresses, HTTP paths, country codes, regions and AZs, counts that make constructs): one check per
// kind, used everywhere that kind appears, so every construct refuses the same inputs the same way.
// Every check skips unresolved tokens; messages go through the helpers of ./validation.
import { Arn, ArnFormat, Duration, Resource, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as logs from 'aws-cdk-lib/aws-logs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { invalidProp, ParsedCidr } from './validation';

/** The unit a duration prop must be a whole number of. */
export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

const MILLISECONDS_PER: Record<DurationUnit, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** What a duration prop allows: a whole number of `unit` in [min, max], or one of `oneOf`. */
export interface DurationRule {
  readonly unit: DurationUnit;
  /** @default 1 (zero-length retentions and expirations are refused) */
  readonly min?: number;
  /** @default - no upper bound */
  readonly max?: number;
  /** The only values allowed, in `unit`. */
  readonly oneOf?: number[];
  /** Why, or the bounds in words, appended to the message in parentheses. */
  readonly why?: string;
}

/**
 * Refuses a duration that is not a whole number of `rule.unit` within the rule's bounds, before
 * aws-cdk-lib's own conversion fails without naming the prop. Returns the amount in `rule.unit`.
 */
export function checkDuration(scope: IConstruct, prop: string, value: Duration | undefined, rule: DurationRule): number | undefined {
  if (value === undefined || value.isUnresolved()) return undefined;
  const amount = value.toMilliseconds({ integral: false }) / MILLISECONDS_PER[rule.unit];
  if (rule.oneOf) {
    if (!rule.oneOf.includes(amount)) invalidProp(scope, prop, value.toHumanString(), `must be one of ${rule.oneOf.join(', ')} ${rule.unit}${why(rule)}`);
    return amount;
  }
  const min = rule.min ?? 1;
  const max = rule.max;
  if (!Number.isInteger(amount) || amount < min || (max !== undefined && amount > max)) {
    const range = max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
    invalidProp(scope, prop, value.toHumanString(), `must be a whole number of ${rule.unit}, ${range}${why(rule)}`);
  }
  return amount;
}

function why(rule: DurationRule): string {
  return rule.why ? ` (${rule.why})` : '';
}

/** The retention periods CloudWatch Logs accepts: the numeric members of `logs.RetentionDays`. */
const RETENTION_DAYS = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');

/** Refuses a log retention that is not a `logs.RetentionDays` member (e.g. `42`), which CloudWatch Logs rejects at deploy. */
export function checkRetentionDays(scope: IConstruct, prop: string, value: logs.RetentionDays | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!RETENTION_DAYS.includes(value)) {
    invalidProp(scope, prop, value, `must be a logs.RetentionDays value (${RETENTION_DAYS.join(', ')} days)`);
  }
}

/** One DNS label: letters, digits and inner hyphens, 1-63 characters (RFC 1123). */
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Refuses a domain name DNS, ACM or Route 53 rejects: empty, spaces, an empty or over-long label,
 * over 253 characters, or a wildcard other than one whole leftmost `*` label (`*.example.com`).
 */
export function checkDomainName(scope: IConstruct, prop: string, value: string | undefined, options: { readonly wildcard?: boolean } = {}): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const name = value.replace(/\.$/, '');
  const labels = name.split('.');
  const wildcard = options.wildcard ?? true;
  const rest = wildcard && labels[0] === '*' ? labels.slice(1) : labels;
  if (name.length === 0 || name.length > 253 || rest.length < 2 || !rest.every((label) => DNS_LABEL.test(label))) {
    invalidProp(scope, prop, value, 'must be a domain name of at most 253 characters whose dot-separated labels are 1-63 letters, digits or inner hyphens'
      + (wildcard ? ", optionally behind one leading '*.' (e.g. 'www.example.com', '*.example.com')" : " (e.g. 'api.example.com')"));
  }
}

/**
 * Refuses literal names outside the hosted zone: Route 53 would append the zone's name
 * ('www.other.com.example.com') and a DNS-validated certificate would never validate.
 */
export function checkNamesInZone(scope: IConstruct, prop: string, names: string[], zoneName: string | undefined): void {
  if (zoneName === undefined || Token.isUnresolved(zoneName)) return;
  const zone = zoneName.toLowerCase().replace(/\.$/, '');
  const outside = names.filter((name) => !Token.isUnresolved(name)).map((name) => name.toLowerCase().replace(/\.$/, ''))
    .find((name) => name !== zone && !name.endsWith(`.${zone}`));
  if (outside !== undefined) {
    invalidProp(scope, prop, names.length === 1 ? names[0] : names, `must be '${zone}' or names under it (the hostedZone); '${outside}' is not`);
  }
}

/** Refuses an email address SNS or AWS Budgets would not deliver to. */
export function checkEmail(scope: IConstruct, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const localOk = at > 0 && local.length <= 64 && /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local)
    && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
  const domainOk = domain.length <= 253 && domain.split('.').length >= 2 && domain.split('.').every((label) => DNS_LABEL.test(label));
  if (!localOk || !domainOk || value.length > 254) {
    invalidProp(scope, prop, value, 'must be an email address like ops@example.com (no spaces, no empty or repeated dots)');
  }
}

/**
 * ALB path patterns: at most 128 characters, case sensitive, `*` and `?` as wildcards; the characters a
 * path holds (A-Z, a-z, 0-9, _ - . $ / ~ " ' @ : + and &). Source: Elastic Load Balancing, Application
 * Load Balancers, "Path conditions", and the ELBv2 API PathPatternConditionConfig (read 2026-12-01).
 */
// A request path starts with '/': a pattern that starts otherwise (and not with a wildcard) never matches.
const ALB_PATH = /^[/*?][A-Za-z0-9_\-.$/~"'@:+&*?]*$/;
const ALB_PATH_MAX = 128;

/** Refuses an ALB path pattern the listener rule would reject. */
export function checkAlbPathPattern(scope: IConstruct, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (value.length > ALB_PATH_MAX || !ALB_PATH.test(value)) {
    invalidProp(scope, prop, value.length > ALB_PATH_MAX ? `${value.slice(0, 40)}... (${value.length} characters)` : value,
      `must start with '/' or a wildcard and hold at most ${ALB_PATH_MAX} of A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & and the wildcards * ?`);
  }
}

/**
 * CloudFront path patterns: at most 255 characters of A-Z, a-z, 0-9, _ - . * $ / ~ " ' @ : + and &,
 * with `*` and `?` as wildcards. Source: Amazon CloudFront Developer Guide, "Cache behavior settings",
 * "Path pattern" (read 2026-12-01).
 */
const CLOUDFRONT_PATH = /^[/*][A-Za-z0-9_\-.*$/~"'@:+&?]*$/;
const CLOUDFRONT_PATH_MAX = 255;

/**
 * Cache behaviours per distribution, besides the default one: 25, an adjustable quota. Source: Amazon
 * CloudFront Developer Guide, "Quotas", "General quotas on distributions" (read 2026-12-01).
 */
export const CLOUDFRONT_BEHAVIOR_QUOTA = 25;

/** Refuses a CloudFront cache behaviour path pattern the distribution would reject. */
export function checkCloudFrontPathPattern(scope: IConstruct, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (value.length > CLOUDFRONT_PATH_MAX || !CLOUDFRONT_PATH.test(value)) {
    invalidProp(scope, prop, value.length > CLOUDFRONT_PATH_MAX ? `${value.slice(0, 40)}... (${value.length} characters)` : value,
      `must start with '/' or a wildcard ('*.jpg') and hold at most ${CLOUDFRONT_PATH_MAX} of A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & and the wildcards * ?`);
  }
}

/**
 * A target group's health check path: 1-1024 visible ASCII characters starting with `/`. Source: ELBv2
 * API CreateTargetGroup, HealthCheckPath (length 1-1024; read 2026-12-01).
 */
export function checkHealthCheckPath(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (value.length > 1024 || !/^\/[\x21-\x7E]*$/.test(value)) {
    invalidProp(scope, prop, value.length > 1024 ? `${value.slice(0, 40)}... (${value.length} characters)` : value,
      "must start with '/' and hold at most 1024 visible ASCII characters (no spaces)");
  }
}

/**
 * The HTTP codes an ALB health check counts as healthy: codes 200-499, as a list ('200,202') or a
 * range ('200-299'). Source: ELBv2 API Matcher, HttpCode (read 2026-12-01).
 */
export function checkHealthyHttpCodes(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const code = (s: string) => /^\d{3}$/.test(s) && Number(s) >= 200 && Number(s) <= 499;
  const range = /^(\d{3})-(\d{3})$/.exec(value);
  const ok = range ? code(range[1]) && code(range[2]) && Number(range[1]) < Number(range[2]) : value.split(',').every(code);
  if (!ok) invalidProp(scope, prop, value, "must be HTTP codes between 200 and 499, as a list ('200,202') or a range ('200-299')");
}

/** An HTTP header name: an RFC 7230 token (letters, digits and !#$%&'*+.^_`|~-), at most `maxLength` characters. */
export function checkHeaderName(scope: IConstruct, prop: string, value: string | undefined, maxLength: number, what: string): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (value.length > maxLength || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(value)) {
    invalidProp(scope, prop, value, `must be 1-${maxLength} letters, digits or !#$%&'*+.^_\`|~- (${what})`);
  }
}

/**
 * Headers in a CloudFront cache policy's cache key: at most 10. Source: Amazon CloudFront Developer
 * Guide, "Quotas", "Quotas on policies" (read 2026-12-01).
 */
export const CACHE_KEY_HEADER_QUOTA = 10;

/**
 * The longest Content-Security-Policy value a response headers policy takes: 1783 characters. Source:
 * Amazon CloudFront Developer Guide, "Quotas", "Quotas on response headers policies" (read 2026-12-01).
 */
export const CSP_MAX_LENGTH = 1783;

/**
 * ISO 3166-1 alpha-2 country codes: the 249 officially assigned codes, the list AWS WAF geo match and
 * CloudFront geographic restrictions take. Source: ISO 3166 Maintenance Agency, officially assigned
 * codes (read 2026-12-01).
 */
const COUNTRY_CODES = new Set((
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ '
  + 'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR '
  + 'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP '
  + 'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ '
  + 'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW '
  + 'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ '
  + 'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW').split(' '));

/** Refuses country codes that are not ISO 3166-1 alpha-2 (e.g. 'XX', 'jp', 'JPN'). */
export function checkCountryCodes(scope: IConstruct, prop: string, codes: string[] | undefined): void {
  const wrong = (codes ?? []).find((code) => !Token.isUnresolved(code) && !COUNTRY_CODES.has(code));
  if (wrong !== undefined) {
    invalidProp(scope, prop, codes, `must hold ISO 3166-1 alpha-2 country codes in capitals such as 'KP' or 'JP'; '${wrong}' is not one`);
  }
}

/** An AWS Backup vault name: 2-50 letters, digits, hyphens or underscores (AWS Backup API, CreateBackupVault; read 2026-12-01). */
export function checkBackupVaultName(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!/^[A-Za-z0-9_-]{2,50}$/.test(value)) invalidProp(scope, prop, value, 'must be 2 to 50 letters, digits, hyphens or underscores (an AWS Backup vault name)');
}

/**
 * The regions aws-cdk-lib 2.276.0 knows (its region-info fact tables, shipped with the release this
 * library builds on; read 2026-12-01). A region AWS opens later is refused until aws-cdk-lib is upgraded.
 */
const KNOWN_REGIONS = new Set(RegionInfo.regions.map((region) => region.name));

/** Refuses a region name that is not an AWS region. */
export function checkRegion(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!KNOWN_REGIONS.has(value)) {
    invalidProp(scope, prop, value, "must be an AWS region such as 'ap-northeast-1' or 'us-east-1'");
  }
}

/** Refuses a stack whose `env.region` is not an AWS region (a stack without one passes). */
export function checkStackRegion(scope: IConstruct): void {
  checkRegion(scope, "the stack's env.region", Stack.of(scope).region);
}

/**
 * Refuses AZ names that are malformed, repeated, or of another region than the stack's: an AZ name is
 * the region followed by one letter (`ap-northeast-1a`), or a Local Zone's `<region>-<zone>-<n><letter>`.
 */
export function checkAvailabilityZones(scope: IConstruct, prop: string, azs: string[] | undefined): void {
  if (!azs) return;
  const region = Stack.of(scope).region;
  const seen = new Set<string>();
  for (const az of azs) {
    if (Token.isUnresolved(az)) continue;
    const match = /^([a-z]{2}(?:-[a-z]+)+-\d)(?:[a-z]|-[a-z]+-\d[a-z])$/.exec(az);
    if (!match || !KNOWN_REGIONS.has(match[1])) {
      invalidProp(scope, prop, azs, `must hold AZ names such as 'ap-northeast-1a' (a region and a letter); '${az}' is not one`);
    }
    if (!Token.isUnresolved(region) && match[1] !== region) {
      invalidProp(scope, prop, azs, `must hold AZs of the stack's region (${region}); '${az}' is in ${match[1]}`);
    }
    if (seen.has(az)) invalidProp(scope, prop, azs, `must not repeat an AZ; '${az}' appears twice`);
    seen.add(az);
  }
}

/**
 * IPv4 ranges a VPC cannot use: "this network", loopback, link-local, multicast and reserved space
 * (IANA IPv4 Special-Purpose Address Registry, RFC 6890; read 2026-12-01).
 */
const SPECIAL_RANGES: Array<[first: number, prefix: number, name: string]> = [
  [0, 8, '0.0.0.0/8 ("this network")'],
  [127 * 2 ** 24, 8, '127.0.0.0/8 (loopback)'],
  [(169 * 256 + 254) * 2 ** 16, 16, '169.254.0.0/16 (link-local)'],
  [224 * 2 ** 24, 4, '224.0.0.0/4 (multicast)'],
  [240 * 2 ** 24, 4, '240.0.0.0/4 (reserved)'],
];

/** Refuses a VPC CIDR in loopback, link-local, multicast or other special-purpose space. */
export function checkVpcCidrRange(scope: IConstruct, prop: string, cidr: ParsedCidr): void {
  for (const [first, prefix, name] of SPECIAL_RANGES) {
    const last = first + 2 ** (32 - prefix) - 1;
    if (cidr.first <= last && first <= cidr.last) {
      invalidProp(scope, prop, cidr.cidr, `must not overlap ${name}: use private space such as 10.0.0.0/16 (RFC 1918)`);
    }
  }
}

/**
 * Refuses an unresolved token where the value must be known at synth time: a number that decides how many
 * resources are created (readers, replicas, AZs), or a name that becomes part of construct ids.
 */
export function checkKnownAtSynth(scope: IConstruct, prop: string, value: string | number | undefined, because: string): void {
  if (value !== undefined && Token.isUnresolved(value)) {
    invalidProp(scope, prop, 'an unresolved token', `must be known at synth time (${because})`);
  }
}

/** Why a count must be known at synth time. */
export const DECIDES_RESOURCES = 'it decides how many resources are created';
/** Why a name must be known at synth time. */
export const NAMES_CONSTRUCTS = 'it is part of construct ids';

/** The region of a certificate when it is known at synth time: a literal ARN names it; one created in this app lives in its stack's. */
export function certificateRegion(certificate: acm.ICertificate): string | undefined {
  const arn = certificate.certificateArn;
  const region = !Token.isUnresolved(arn) ? Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).region
    : Resource.isOwnedResource(certificate) ? certificate.env.region : undefined;
  return region === undefined || Token.isUnresolved(region) ? undefined : region;
}
