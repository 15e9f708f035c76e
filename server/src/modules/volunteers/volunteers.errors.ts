import { VOLUNTEERS_ERRORS } from '@jiayuan/contracts';
import { defineErrors } from '../../platform/errors/app-error.js';

/** The volunteers module's error codes; their messages live in the contracts (`VOLUNTEERS_ERRORS`) so the web app may name them too. */
export const volErrors = defineErrors(VOLUNTEERS_ERRORS);
