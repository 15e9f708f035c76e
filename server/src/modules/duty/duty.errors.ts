import { DUTY_ERRORS } from '@jiayuan/contracts';
import { defineErrors } from '../../platform/errors/app-error.js';

/** The duty module's error codes; their messages live in the contracts (`DUTY_ERRORS`) so the web app may name them too. */
export const dutyErrors = defineErrors(DUTY_ERRORS);
