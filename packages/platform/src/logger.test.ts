import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl, requestLogger } from './logger.ts';

describe('redactUrl', () => {
  it('replaces credentials in the query string and keeps the rest readable', () => {
    expect(redactUrl('/ws?token=eyJabc.def&x=1')).toBe('/ws?token=[redacted]&x=1');
    expect(redactUrl('/cb?code=123456&state=s&Password=p&signature=ff')).toBe(
      '/cb?code=[redacted]&state=s&Password=[redacted]&signature=[redacted]',
    );
    expect(redactUrl('/api/v1/catalog/services?includeInactive=true')).toBe(
      '/api/v1/catalog/services?includeInactive=true',
    );
    expect(redactUrl('/x?%74oken=abc&%E0%A4%A=1')).toBe('/x?%74oken=[redacted]&%E0%A4%A=1');
  });
});

describe('createLogger', () => {
  it('redacts credential fields and headers at the top level and nested below it', () => {
    const lines: string[] = [];
    const logger = createLogger(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    logger.info(
      { password: 'hunter22', body: { refreshToken: 'r-123', keySecret: 'k-456' }, code: 'AUTH.FORBIDDEN' },
      'x',
    );
    logger.error(
      {
        err: { request: { headers: { authorization: 'Bearer eyJ-deep', accept: 'application/json' } } },
        body: { payment: { razorpay_signature: 'sig-789', amount: 100 } },
        job: { step: { codes: { otp: '482913' } } },
      },
      'y',
    );
    expect(lines.join('')).not.toMatch(/hunter22|r-123|k-456|eyJ-deep|sig-789|482913/);
    expect(lines.join('')).toContain('application/json');
    expect(lines.join('')).toContain('AUTH.FORBIDDEN');
  });

  it("writes a request's id on each line of its logger and of that logger's children", () => {
    const lines: string[] = [];
    const logger = createLogger(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const request = requestLogger(logger, 'request-1', {});
    request.info('a');
    request.child({ step: 'two' }).info('b');
    logger.info('c');
    expect(lines.map((line) => (JSON.parse(line) as { reqId?: string }).reqId)).toEqual([
      'request-1',
      'request-1',
      undefined,
    ]);
  });
});
