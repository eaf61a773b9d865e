import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';
import { cronProblem } from '../validation/cron';

const TIME_ZONE = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** CronJob schedule syntax, no TZ in the schedule, timeZone shape, history limits. */
export const cronJobRule: KubeRule = {
  id: 'KubeCronJob',
  severity: 'error',
  doc: 'CronJob schedule that is not valid cron syntax, TZ= inside the schedule, malformed timeZone, negative limits.',
  appliesTo: { objects: 'built-in', kinds: ['CronJob'] },
  check(ctx) {
    if (!isRecord(ctx.value.spec)) return;
    const spec = ctx.value.spec;
    const schedule = spec.schedule;
    if (schedule === undefined || schedule === '') ctx.report(['spec'], 'spec.schedule: Required value', { part: 'key' });
    else if (typeof schedule === 'string') {
      const problem = cronProblem(schedule);
      if (problem) ctx.report(['spec', 'schedule'], `spec.schedule: Invalid value: "${schedule}": ${problem}`);
      else if (schedule.includes('TZ')) ctx.report(['spec', 'schedule'], `spec.schedule: Invalid value: "${schedule}": cannot use TZ or CRON_TZ in schedule, use timeZone field instead`);
    }
    if (typeof spec.timeZone === 'string') {
      const tz = spec.timeZone;
      const bad = tz === '' || tz.includes('//') || tz.startsWith('/') || tz.endsWith('/') || tz.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE.test(part));
      if (bad) ctx.report(['spec', 'timeZone'], `spec.timeZone: Invalid value: "${tz}": unknown time zone ${tz}`);
    }
    for (const field of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
      const n = spec[field];
      if (typeof n === 'number' && n < 0) ctx.report(['spec', field], `spec.${field}: Invalid value: ${n}: must be greater than or equal to 0`);
    }
  },
};
