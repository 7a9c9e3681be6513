// How an internal load balancer admits CloudFront's VPC origin (internal): the VPC CIDR until a
// CloudFront VPC origin is bound, then only the security group CloudFront created for it.
import { Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ec2LookupAtDeploy } from '../../private/deploy-time-lookup';
import { acknowledgeNag } from '../../private/nag';

/**
 * The security group CloudFront creates in a VPC with the first VPC origin there (one per VPC), named
 * so in the CloudFront Developer Guide ("Restrict access with VPC origins", read 2026-12-01).
 */
export const VPC_ORIGIN_SECURITY_GROUP_NAME = 'CloudFront-VPCOrigins-Service-SG';

/** The load balancer's ingress for a CloudFront VPC origin; replaced once a VPC origin is bound. */
export class VpcOriginIngress {
  private cidrRules: ec2.CfnSecurityGroupIngress[];
  private admitted = false;

  constructor(scope: Construct, private readonly securityGroup: ec2.ISecurityGroup, private readonly vpc: ec2.IVpc, private readonly port: number) {
    const rule = new ec2.CfnSecurityGroupIngress(scope, 'VpcOriginIngress', {
      groupId: securityGroup.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      cidrIp: vpc.vpcCidrBlock,
      description: 'Listener, from the VPC until a CloudFront VPC origin is bound',
    });
    if (Token.isUnresolved(vpc.vpcCidrBlock)) {
      acknowledgeNag(rule, [
        { id: 'AwsSolutions-EC23', reason: "The source is the VPC's own CIDR block, an intrinsic cdk-nag cannot evaluate; the load balancer is internal, so nothing outside the VPC reaches it." },
      ]);
    }
    this.cidrRules = [rule];
  }

  /** Whether the load balancer admits only CloudFront's VPC-origin security group. */
  public get admitsCloudFrontOnly(): boolean {
    return this.admitted;
  }

  /**
   * Replaces the VPC CIDR rule with one from CloudFront's VPC-origin security group, looked up under
   * `scope` (the site, in the VPC origin's stack) at deploy time, after the VPC origin exists.
   */
  public admit(scope: Construct, vpcOrigin: cloudfront.IVpcOrigin): void {
    if (this.admitted) return;
    this.admitted = true;
    for (const rule of this.cidrRules) rule.node.scope!.node.tryRemoveChild(rule.node.id);
    this.cidrRules = [];
    const groupId = vpcOriginSecurityGroupId(scope, 'VpcOriginSecurityGroup', this.vpc, vpcOrigin);
    new ec2.CfnSecurityGroupIngress(scope, 'VpcOriginIngress', {
      groupId: this.securityGroup.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: this.port,
      toPort: this.port,
      sourceSecurityGroupId: groupId,
      description: 'Listener, from CloudFront VPC origins only',
    });
  }
}

/** The id of CloudFront's VPC-origin security group in `vpc`, read at deploy time once `vpcOrigin` exists. */
function vpcOriginSecurityGroupId(scope: Construct, id: string, vpc: ec2.IVpc, vpcOrigin: cloudfront.IVpcOrigin): string {
  const lookup = ec2LookupAtDeploy(scope, id, {
    action: 'describeSecurityGroups',
    parameters: {
      Filters: [
        { Name: 'group-name', Values: [VPC_ORIGIN_SECURITY_GROUP_NAME] },
        { Name: 'vpc-id', Values: [vpc.vpcId] },
      ],
    },
    outputPath: 'SecurityGroups.0.GroupId',
    iamAction: 'ec2:DescribeSecurityGroups',
  });
  // CloudFront creates the group when it creates the VPC origin.
  lookup.resource.node.addDependency(vpcOrigin);
  return lookup.value;
}
