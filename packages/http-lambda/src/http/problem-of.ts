import { problemFactsOf } from './error-mapper';
import { problemResponse, type HttpResponse } from './responses';

/** The response for a use case's expected failure, through the one error mapper (no Error is built for it). */
export const problemOf = (error: unknown): HttpResponse => problemResponse(problemFactsOf(error));
