/** The rjsf validator for our 2020-12 schemas (ajv's 2020 dialect, as schemas/validate.ts uses). */
import { customizeValidator } from '@rjsf/validator-ajv8'
import Ajv2020 from 'ajv/dist/2020.js'

export const formValidator = customizeValidator({ AjvClass: Ajv2020.default as any, ajvOptionsOverrides: { allowUnionTypes: true } })
