import { IConstruct } from 'constructs';
import { conflictingProps, invalidProp } from '../../private/validation';
import type { WebAppBlueprintProps } from '../web-app-blueprint';

type PartGroup = 'api' | 'database' | 'rdsDatabase' | 'site' | 'alarms';

/** A top-level prop of the blueprint that sets the same thing as a field of a part's options. */
const SHORTCUTS: Array<[keyof WebAppBlueprintProps, PartGroup, string]> = [
  ['containerPort', 'api', 'containerPort'],
  ['environment', 'api', 'environment'],
  ['cloudFrontAccess', 'api', 'cloudFrontAccess'],
  ['databaseEngine', 'database', 'engine'],
  ['databaseCapacity', 'database', 'capacity'],
  ['databaseReaders', 'database', 'readers'],
  ['databaseName', 'database', 'databaseName'],
  ['databaseName', 'rdsDatabase', 'databaseName'],
  ['media', 'site', 'media'],
  ['alarmEmails', 'alarms', 'emailAddresses'],
  ['slack', 'alarms', 'slack'],
  ['alarmTopics', 'alarms', 'topics'],
  ['budget', 'alarms', 'budget'],
];

/**
 * The fields of each part's props that the blueprint wires itself. The options interfaces leave them out;
 * a JavaScript caller's object could still carry them, and they would be overwritten or ignored.
 */
const WIRED: Record<PartGroup, string[]> = {
  api: ['profile', 'vpc', 'image', 'repositoryImage', 'certificate', 'domainName', 'hostedZone', 'attachTo', 'pathPatterns', 'priority'],
  database: ['profile', 'vpc'],
  rdsDatabase: ['profile', 'vpc'],
  site: ['profile', 'apiOrigin', 'apiPaths', 'domainNames', 'hostedZone', 'certificate'],
  alarms: ['profile', 'apiServices', 'databases', 'rdsDatabases', 'staticSites'],
};

/** Where the blueprint's own prop already decides what a wired field would say. */
const WIRED_BY: Record<string, string> = {
  image: 'image',
  repositoryImage: 'image',
  certificate: 'apiOriginHttps',
  domainName: 'apiOriginDomainName',
  hostedZone: 'hostedZone',
  apiPaths: 'apiPaths',
  domainNames: 'domainNames',
  profile: 'profile',
  vpc: 'vpc or network',
};

/**
 * Refuses the part options (`api`, `database`, `rdsDatabase`, `site`, `alarms`) that the blueprint could not honour:
 * given with the existing* prop that replaces the part, set twice (a top-level prop and the same option
 * of the part), or naming a field the blueprint wires.
 */
export function validateBlueprintOptions(scope: IConstruct, props: WebAppBlueprintProps): void {
  if (props.api && props.existingApi) {
    conflictingProps(scope, 'api', 'existingApi', 'cannot be combined: api configures the API service the blueprint creates');
  }
  if (props.database && (props.existingDatabase || props.createDatabase === false)) {
    conflictingProps(scope, 'database', props.existingDatabase ? 'existingDatabase' : 'createDatabase',
      'cannot be combined: database configures the Aurora cluster the blueprint creates');
  }
  if (props.database && props.rdsDatabase) {
    conflictingProps(scope, 'database', 'rdsDatabase', 'cannot be combined: database configures an Aurora cluster, rdsDatabase an RDS instance instead');
  }
  if (props.alarms && props.existingAlarms) {
    conflictingProps(scope, 'alarms', 'existingAlarms', 'cannot be combined: alarms configures the AlarmSet the blueprint creates');
  }
  for (const [shortcut, group, field] of SHORTCUTS) {
    if (props[shortcut] !== undefined && fieldOf(props, group, field) !== undefined) {
      conflictingProps(scope, shortcut, `${group}.${field}`, 'set the same option: give one of them');
    }
  }
  if (props.healthCheckPath !== undefined && props.api?.healthCheck?.path !== undefined) {
    conflictingProps(scope, 'healthCheckPath', 'api.healthCheck.path', 'set the same option: give one of them');
  }
  for (const group of Object.keys(WIRED) as PartGroup[]) {
    const wired = WIRED[group].find((field) => fieldOf(props, group, field) !== undefined);
    if (wired) {
      invalidProp(scope, `${group}.${wired}`, fieldOf(props, group, wired),
        `is wired by the blueprint and cannot be given in ${group}${WIRED_BY[wired] ? ` (use the blueprint's ${WIRED_BY[wired]})` : ''}`);
    }
  }
}

function fieldOf(props: WebAppBlueprintProps, group: PartGroup, field: string): unknown {
  const options = props[group] as Record<string, unknown> | undefined;
  return options?.[field];
}
