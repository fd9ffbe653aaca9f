/** One HTTP request pattern of an L7 rule; every given field must match. */
export interface HttpMatch {
  /**
   * HTTP method, e.g. `GET`.
   * @default - any method
   */
  readonly method?: string;
  /**
   * Request path as a regular expression (Cilium semantics), e.g. `/v1/charges(/.*)?`.
   * @default - any path
   */
  readonly path?: string;
  /**
   * Headers that must be present, as `Name: value` or just `Name`.
   * @default - no header requirement
   */
  readonly headers?: string[];
}
