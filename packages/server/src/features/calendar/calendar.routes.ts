import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalendarDateParams,
  CalendarDay,
  CalendarDefaultsResult,
  CalendarWeekend,
  CalendarYear,
  CalendarYearParams,
  DueDate,
  DueDateQuery,
  ErrorBody,
  PutCalendarDayBody,
  PutWeekendBody,
} from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { calendar } = app.services;

  app.get('/calendar/due-date', {
    schema: {
      tags: ['calendar'],
      summary: 'The due date N working days after a date (the start day not counted) on the stored calendar',
      querystring: DueDateQuery,
      response: { 200: DueDate, ...errors },
    },
  }, async (request) => {
    requireActor(request);
    return calendar.dueDate(request.query);
  });

  app.get('/calendar/:year', {
    schema: {
      tags: ['calendar'],
      summary: "A year's holidays and weekend days worked, and the weekly days off",
      params: CalendarYearParams,
      response: { 200: CalendarYear, ...errors },
    },
  }, async (request) => calendar.getYear(requireActor(request), request.params.year));

  app.put('/calendar/days/:date', {
    schema: {
      tags: ['calendar'],
      summary: 'Declare a date a holiday (or compensatory day off) or a weekend day worked',
      params: CalendarDateParams,
      body: PutCalendarDayBody,
      response: { 200: CalendarDay, ...errors },
    },
  }, async (request) => calendar.putDay(requireActor(request), request.params.date, request.body, auditSource(request)));

  app.delete('/calendar/days/:date', {
    schema: {
      tags: ['calendar'],
      summary: 'Remove the entry of a date; the weekly pattern applies to it again',
      params: CalendarDateParams,
      response: { 204: z.null(), ...errors },
    },
  }, async (request, reply) => {
    await calendar.deleteDay(requireActor(request), request.params.date, auditSource(request));
    return reply.status(204).send(null);
  });

  app.put('/calendar/weekend', {
    schema: {
      tags: ['calendar'],
      summary: 'Set the weekly days off (ISO weekdays: 1 = Monday … 7 = Sunday)',
      body: PutWeekendBody,
      response: { 200: CalendarWeekend, ...errors },
    },
  }, async (request) => calendar.setWeekend(requireActor(request), request.body, auditSource(request)));

  app.post('/calendar/:year/defaults', {
    schema: {
      tags: ['calendar'],
      summary: "Load the year's default Vietnamese public holidays; dates already entered are kept",
      params: CalendarYearParams,
      response: { 200: CalendarDefaultsResult, ...errors },
    },
  }, async (request) => calendar.loadDefaults(requireActor(request), request.params.year, auditSource(request)));
};
