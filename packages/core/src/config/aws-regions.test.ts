import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAwsRegion, PARTITION_REGION_PATTERNS } from './aws-regions.js';

/** The partitions data of the @aws-sdk/core that the installed Bedrock Runtime client uses. */
function installedPartitions(): { id: string; regionRegex: string; regions: Record<string, unknown> }[] {
  const require = createRequire(import.meta.url);
  const client = dirname(require.resolve('@aws-sdk/client-bedrock-runtime/package.json'));
  const sdkCore = dirname(createRequire(join(client, 'package.json')).resolve('@aws-sdk/core/package.json'));
  const source = readFileSync(
    join(sdkCore, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'),
    'utf8',
  );
  const json = source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1);
  return (JSON.parse(json) as { partitions: ReturnType<typeof installedPartitions> }).partitions;
}

describe('isAwsRegion', () => {
  it('uses exactly the regionRegex list of the installed SDK', () => {
    // The SDK writes `\-` where a plain `-` means the same.
    const sdk = installedPartitions().map((partition) => partition.regionRegex.replaceAll('\\-', '-'));
    expect(PARTITION_REGION_PATTERNS.map((pattern) => pattern.source)).toEqual(sdk);
  });

  it('accepts every region the SDK lists, in every partition', () => {
    const listed = installedPartitions().flatMap((partition) =>
      Object.keys(partition.regions).filter((region) => !region.endsWith('-global')),
    );
    expect(listed.length).toBeGreaterThan(30);
    expect(listed.filter((region) => !isAwsRegion(region))).toEqual([]);
  });

  it('accepts regions of the smaller partitions and refuses names that are not regions', () => {
    for (const region of ['us-east-1', 'eusc-de-east-1', 'us-isob-east-1', 'us-gov-west-1', 'cn-north-1']) {
      expect(isAwsRegion(region), region).toBe(true);
    }
    for (const name of ['mars', 'mars-1', 'us-east', 'US-EAST-1', 'us-east-1 ', 'xx-east-1', '']) {
      expect(isAwsRegion(name), name).toBe(false);
    }
  });
});
