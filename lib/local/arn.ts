/**
 * ARNs for locally made-up resources, in the right partition for the region (`aws-cn` for the Beijing and Ningxia
 * regions), so code that parses them sees what it would see in that region.
 *
 * @example
 * localArn('cn-north-1', '000000000000', 'lambda', 'function:health'); // 'arn:aws-cn:lambda:cn-north-1:000000000000:function:health'
 */
export const partitionOf = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

export const localArn = (region: string, accountId: string, service: string, resource: string): string =>
  `arn:${partitionOf(region)}:${service}:${region}:${accountId}:${resource}`;
