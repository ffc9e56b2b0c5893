/**
 * The rjsf validator for the inspector's forms. The forms' schemas are self-contained (form-schema.ts
 * inlines every $ref and drops $schema), and our schemas use no keyword newer than draft-07 besides
 * $defs, which inlining removes; so rjsf's default Ajv validates them exactly as the 2020-12 dialect
 * would (form-schema.test.ts checks every node type's examples). The layer table keeps `ajv` out of
 * designer/app, which is why Ajv's 2020 class is not imported here.
 */
import { customizeValidator } from '@rjsf/validator-ajv8'

export const formValidator = customizeValidator({ ajvOptionsOverrides: { allowUnionTypes: true } })
