import { toProblem } from './error-mapper';
import { problemResponse, type HttpResponse } from './responses';

/** The response for a use case's expected failure, through the one error mapper. */
export const problemOf = (error: unknown): HttpResponse => problemResponse(toProblem(error).problem);
