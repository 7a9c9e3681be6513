import { CrossStackReferences, ReferenceStrength, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { US_EAST_1 } from './us-east-1';
import { certificateRegion } from '../../private/input-rules';
import { invalidProp } from '../../private/validation';

/** Refuses a certificate whose region is known and is not us-east-1 (CloudFront accepts no other). */
export function validateCertificateRegion(site: Construct, certificate: acm.ICertificate): void {
  const region = certificateRegion(certificate);
  if (region !== undefined && region !== US_EAST_1) {
    invalidProp(site, 'certificate region', region, `must be '${US_EAST_1}' (CloudFront only uses certificates from us-east-1)`);
  }
}

/**
 * A DNS-validated certificate for the domain names, created under `scope` (in us-east-1). The hosted
 * zone is re-imported there by id and name, so the us-east-1 stack never references the site stack.
 */
export function dnsValidatedCertificate(site: Construct, scope: Construct, domainNames: string[], zone: route53.IHostedZone): acm.Certificate {
  let validationZone = zone;
  if (Stack.of(zone) !== Stack.of(scope)) {
    if (Token.isUnresolved(zone.hostedZoneId) || Token.isUnresolved(zone.zoneName)) {
      invalidProp(site, 'hostedZone', zone.node.path,
        'must have a literal id and name (HostedZone.fromHostedZoneAttributes) when the certificate is created in the us-east-1 companion stack');
    }
    validationZone = route53.HostedZone.fromHostedZoneAttributes(scope, 'HostedZone', {
      hostedZoneId: zone.hostedZoneId,
      zoneName: zone.zoneName,
    });
  }
  const certificate = new acm.Certificate(scope, 'Certificate', {
    domainName: domainNames[0],
    subjectAlternativeNames: domainNames.length > 1 ? domainNames.slice(1) : undefined,
    validation: acm.CertificateValidation.fromDns(validationZone),
  });
  if (Stack.of(scope) !== Stack.of(site)) {
    // Changing domainNames replaces the certificate; a strong cross-region reference would then fail the
    // companion's deploy ("Some exports have changed!"). ACM already refuses to delete a certificate in use.
    CrossStackReferences.of(certificate).produce(ReferenceStrength.WEAK);
  }
  return certificate;
}

/** Route 53 A and AAAA alias records for every domain name, pointing at the distribution. */
export function aliasRecords(scope: Construct, zone: route53.IHostedZone, domainNames: string[], distribution: cloudfront.IDistribution): void {
  const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution));
  domainNames.forEach((name, i) => {
    // Literal names key their records (stable when names are added or removed); a token cannot be part of an id.
    const key = Token.isUnresolved(name) ? `Name${i + 1}` : name;
    new route53.ARecord(scope, `AliasA-${key}`, { zone, recordName: name, target });
    new route53.AaaaRecord(scope, `AliasAAAA-${key}`, { zone, recordName: name, target });
  });
}
