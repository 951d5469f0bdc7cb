// Checks response bodies against the component schemas of the service's own OpenAPI document.
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ID = 'https://sanheyi.dev/openapi.json';

/** The component schemas of the OpenAPI document `doc`, compiled with ajv. */
export function conformance(doc: object) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: ID });
  /** The compiled component schema `name`, or undefined if it does not resolve or compile. */
  const schema = (name: string) => ajv.getSchema(`${ID}#/components/schemas/${name}`);
  return {
    schema,
    /** Fails the test unless `value` conforms to component schema `name`. */
    conforms(name: string, value: unknown): void {
      const validate = schema(name)!;
      expect(validate(value), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    },
  };
}
