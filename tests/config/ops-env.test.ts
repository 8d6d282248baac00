import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load-config.js';
import { opsListenerSettings, readEnv } from '../../src/config/env.js';

const settings = (env: NodeJS.ProcessEnv) => opsListenerSettings(readEnv(env));

describe('opsListenerSettings (OPS_PORT, OPS_HOST)', () => {
  it('listens on 127.0.0.1:9464 by default', () => {
    expect(settings({})).toEqual({ host: '127.0.0.1', port: 9464 });
  });

  it.each([
    [{ OPS_PORT: '9100', OPS_HOST: '0.0.0.0' }, { host: '0.0.0.0', port: 9100 }],
    [{ OPS_PORT: '0' }, { host: '127.0.0.1', port: 0 }],
    [{ OPS_PORT: ' ' }, { host: '127.0.0.1', port: 9464 }],
  ])('reads %j', (env, expected) => {
    expect(settings(env)).toEqual(expected);
  });

  it('OPS_PORT=off turns the listener off', () => {
    expect(settings({ OPS_PORT: 'off' })).toBeUndefined();
  });

  it.each(['nine', '70000', '-1', '94.64'])('rejects OPS_PORT=%s with one line naming the variable', (port) => {
    expect(() => settings({ OPS_PORT: port })).toThrow(ConfigError);
    expect(() => settings({ OPS_PORT: port })).toThrow(`OPS_PORT: expected a port number (0–65535) or "off", got "${port}"`);
  });
});
