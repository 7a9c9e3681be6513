import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createLogBucket } from '../../private/log-bucket';

/** The response headers policy: HSTS, nosniff, frame options, referrer policy and a CSP. */
export function securityHeadersPolicy(scope: Construct, id: string, contentSecurityPolicy: string): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: 'Security headers of the site',
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      contentSecurityPolicy: { contentSecurityPolicy, override: true },
    },
  });
}

/** The access-log bucket: encrypted, SSL-only, no public access, ACLs on for CloudFront log delivery. */
export function accessLogBucket(scope: Construct, id: string, expiration: Duration, removalPolicy: RemovalPolicy): s3.Bucket {
  return createLogBucket(scope, id, {
    receives: 'the site\'s access logs',
    expiration,
    removalPolicy,
    // CloudFront standard logging writes with an ACL grant to the awslogsdelivery account.
    objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
    abortIncompleteMultipartUploadAfter: Duration.days(1),
  });
}
