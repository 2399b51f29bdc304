/**
 * The AWS SDK's own rule for a region name: the `regionRegex` of each partition in its partitions
 * data (aws/aws-sdk-js-v3 packages/util-endpoints/src/lib/aws/partitions.json, shipped inside
 * @aws-sdk/core as `…/client/util-endpoints/lib/aws/partitions.js`). Copied rather than imported:
 * the SDK does not export it, and loading the SDK to check a string would cost every command its
 * startup. aws-regions.test.ts compares this list with the installed SDK's, so an SDK update that
 * adds a partition fails the tests until it is added here.
 */
export const PARTITION_REGION_PATTERNS: readonly RegExp[] = [
  /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, // aws
  /^cn-\w+-\d+$/, // aws-cn
  /^eusc-(de)-\w+-\d+$/, // aws-eusc
  /^us-iso-\w+-\d+$/, // aws-iso
  /^us-isob-\w+-\d+$/, // aws-iso-b
  /^eu-isoe-\w+-\d+$/, // aws-iso-e
  /^us-isof-\w+-\d+$/, // aws-iso-f
  /^us-gov-\w+-\d+$/, // aws-us-gov
];

/** Whether `name` is a region of some AWS partition (us-east-1, cn-north-1, eusc-de-east-1 …). */
export function isAwsRegion(name: string): boolean {
  return PARTITION_REGION_PATTERNS.some((pattern) => pattern.test(name));
}
