/**
 * Field descriptions are the Go doc comments of the API types. Some sentences are about the Go type, not
 * the field: "This is a pointer to distinguish between explicit zero and not specified." says the field
 * is a *int32 so that nil and 0 differ, which someone writing YAML cannot act on. They are dropped from
 * hovers and completion docs. (kubectl explain prints descriptions as they are: its templates only wrap
 * and indent them; the OpenAPI generator already drops `---` sections and TODO lines.)
 */
const GO_INTERNAL = /\s*This (?:field )?is a pointer to (?:distinguish|allow for differentiation) between (?:an )?explicit zero and (?:not specified|unspecified)\./g;

export function forYaml(description: string): string {
  return description.replace(GO_INTERNAL, '').trim();
}
