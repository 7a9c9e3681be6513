import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * The named subnet group when the VPC has one (SecureVpc's `Public`, `Application`, `Data`),
 * else the fallback selection, so constructs work with SecureVpc and with any other IVpc.
 */
export function subnetGroupOr(vpc: ec2.IVpc, groupName: string, fallback: ec2.SubnetSelection): ec2.SubnetSelection {
  try {
    if (vpc.selectSubnets({ subnetGroupName: groupName }).subnets.length > 0) return { subnetGroupName: groupName };
  } catch {
    // No subnet group of that name in this VPC.
  }
  return fallback;
}
