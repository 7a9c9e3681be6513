import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { tempApp } from './deploy-readiness-fixture';
import { ArchitectureDiagram, EnvironmentProfile } from '../src';
import { buildReferenceA } from './examples/reference-a-cdn-blog';
import { buildReferenceCEnvironments } from './examples/reference-c-nextjs-ssr';
import { runCli } from '../src/cli';

/** Parses `text` with the real Mermaid parser (npm `mermaid` in a Node process of its own) and returns the diagram type. */
function mermaidParse(text: string): string {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'mermaid', 'parse.mjs')], { input: text, encoding: 'utf8' });
  return JSON.parse(out).diagramType;
}

function diagramOf(build: (app: App) => void): { text: string; directory: string } {
  const app = tempApp();
  build(app);
  const directory = app.synth().directory;
  return { text: ArchitectureDiagram.fromAssembly(directory), directory };
}

/** The id of the node whose label starts with `label`. */
function nodeId(text: string, label: string): string {
  const line = text.split('\n').find((l) => new RegExp(`^\\s*n\\d+[\\[(]+"${label}`).test(l));
  if (!line) throw new Error(`no node labelled ${label}`);
  return line.trim().split(/[[(]/)[0];
}

describe('ArchitectureDiagram', () => {
  test('the Mermaid parser rejects a broken flowchart (the check below can fail)', () => {
    expect(() => mermaidParse('flowchart TB\n  a["x" -->')).toThrow();
  });

  test('reference A (prod): users, Route 53, CloudFront with its WAF, ALB, service and database with their ports, in subnet and AZ subgraphs', () => {
    const { text, directory } = diagramOf((app) => buildReferenceA(app, EnvironmentProfile.prod()));
    fs.rmSync(directory, { recursive: true, force: true });
    expect(mermaidParse(text)).toBe('flowchart-v2');
    const cf = nodeId(text, 'CloudFront distribution');
    const waf = nodeId(text, 'WAF web ACL');
    const alb = nodeId(text, 'Application load balancer \\(internet-facing\\)');
    const service = nodeId(text, 'ECS service on Fargate');
    const db = nodeId(text, 'aurora-postgresql cluster');
    const edges = text.split('\n').map((l) => l.trim());
    expect(edges).toEqual(expect.arrayContaining([
      'users --> route53',
      `route53 --> ${cf}`,
      `${waf} -.->|"filters"| ${cf}`,
      `${cf} -->|"origin"| ${alb}`,
      `${alb} -->|"tcp 8080"| ${service}`,
      `${service} -->|"tcp 5432"| ${db}`,
    ]));
    expect(text).toContain('subgraph tier0_0_2["Data subnets"]');
    expect(text).toMatch(/subgraph az0_0_0_0\["us-east-1a 10\.0\.1\.0\/24"\]\n\s+n\d+\["NAT gateway/);
  });

  test('reference C: three environments and their us-east-1 companions, services on an EC2 group, parse as one flowchart', () => {
    const { text, directory } = diagramOf((app) => buildReferenceCEnvironments(app));
    fs.rmSync(directory, { recursive: true, force: true });
    expect(mermaidParse(text)).toBe('flowchart-v2');
    expect(text.match(/subgraph stack\d+\["Stack NextjsSsr-(dev|staging|prod) \(ap-northeast-1\)"\]/g)).toHaveLength(3);
    expect(text.match(/-.->\|"runs on"\|/g)?.length).toBeGreaterThanOrEqual(6);
    expect(text.match(/-.->\|"filters"\|/g)).toHaveLength(3);
  });

  test('a plain CDK app: an internet-facing load balancer open to the world gets a users edge with its port', () => {
    const { text, directory } = diagramOf((app) => {
      const stack = new Stack(app, 'Plain', { env: { region: 'us-east-1', account: '111111111111' } });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
      const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
      lb.addListener('Http', { port: 80 }).addAction('Fixed', { action: elbv2.ListenerAction.fixedResponse(200) });
    });
    expect(mermaidParse(text)).toBe('flowchart-v2');
    expect(text).toContain(`users -->|"tcp 80"| ${nodeId(text, 'Application load balancer \\(internet-facing\\)')}`);
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((s: string) => { lines.push(s); });
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(runCli(['diagram', directory])).toBe(0);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    expect(lines[0]).toBe(text);
    expect(fs.readFileSync(path.join(directory, 'architecture.mmd'), 'utf8')).toBe(`${text}\n`);
    fs.rmSync(directory, { recursive: true, force: true });
  });
});
