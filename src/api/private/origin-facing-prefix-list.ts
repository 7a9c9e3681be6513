import { Construct } from 'constructs';
import { ec2LookupAtDeploy } from '../../private/deploy-time-lookup';

/** The name of CloudFront's origin-facing managed prefix list; its id differs by region. */
const ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * The id of CloudFront's origin-facing prefix list in the stack's region, resolved at deploy time
 * (no AWS account lookup at synth).
 */
export function originFacingPrefixListId(scope: Construct, id: string): string {
  return ec2LookupAtDeploy(scope, id, {
    action: 'describeManagedPrefixLists',
    parameters: { Filters: [{ Name: 'prefix-list-name', Values: [ORIGIN_FACING_PREFIX_LIST] }] },
    outputPath: 'PrefixLists.0.PrefixListId',
    iamAction: 'ec2:DescribeManagedPrefixLists',
  }).value;
}
