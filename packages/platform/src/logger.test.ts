import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger.ts';

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

/** A logger at info writing into `lines`. */
function capturedLogger() {
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
  return { logger, lines };
}

describe('createLogger', () => {
  it('redacts credential fields and headers at the top level and nested below it', () => {
    const { logger, lines } = capturedLogger();
    logger.info(
      { password: 'hunter22', body: { refreshToken: 'r-123', keySecret: 'k-456' }, code: 'AUTH.FORBIDDEN' },
      'x',
    );
    logger.error(
      {
        err: { request: { headers: { authorization: 'Bearer eyJ-deep', accept: 'application/json' } } },
        body: { payment: { razorpay_signature: 'sig-789', amount: 100 } },
        job: { step: { codes: { otp: '482913' } } },
        items: [{ token: 'in-array' }],
      },
      'y',
    );
    expect(lines.join('')).not.toMatch(/hunter22|r-123|k-456|eyJ-deep|sig-789|482913|in-array/);
    expect(lines.join('')).toContain('application/json');
    expect(lines.join('')).toContain('AUTH.FORBIDDEN');
    expect(JSON.parse(lines[1] as string)).toMatchObject({
      body: { payment: { razorpay_signature: '[redacted]', amount: 100 } },
      items: [{ token: '[redacted]' }],
    });
  });

  it("redacts an error's fields and its cause's, keeps its message, type and stack, and leaves the caller's objects as they were", () => {
    const { logger, lines } = capturedLogger();
    const cause = Object.assign(new Error('socket hang up'), { config: { password: 'p-cause' } });
    const headers = { Authorization: 'Bearer eyJ-upper', accept: 'application/json' };
    const error = Object.assign(new TypeError('upstream refused', { cause }), {
      request: { headers },
      token: 't-err',
    });
    logger.error({ err: error }, 'z');

    expect(lines[0]).not.toMatch(/p-cause|eyJ-upper|t-err/);
    const line = JSON.parse(lines[0] as string);
    expect(line.err).toMatchObject({
      type: 'TypeError',
      message: 'upstream refused: socket hang up',
      token: '[redacted]',
      request: { headers: { Authorization: '[redacted]', accept: 'application/json' } },
    });
    expect(line.err.stack).toContain('upstream refused');
    expect(error.token).toBe('t-err');
    expect(headers.Authorization).toBe('Bearer eyJ-upper');
    expect(cause.config.password).toBe('p-cause');
  });

  it('logs a request as its serializer writes it: no headers, credentials in the URL replaced', () => {
    const { logger, lines } = capturedLogger();
    const request = {
      method: 'GET',
      url: '/ws?token=eyJ-url',
      host: 'zefy.test',
      ip: '203.0.113.7',
      headers: { authorization: 'Bearer eyJ-header' },
    };
    logger.info({ req: request }, 'incoming request');
    expect(lines[0]).not.toMatch(/eyJ-url|eyJ-header/);
    expect(JSON.parse(lines[0] as string).req).toEqual({
      method: 'GET',
      url: '/ws?token=[redacted]',
      host: 'zefy.test',
      remoteAddress: '203.0.113.7',
    });
  });
});
