import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseRoutes } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults for the console on the embedded store', () => {
    const c = loadConfig({});
    expect(c.dataDir).toBe('./data');
    expect(c.timeZone).toBe('Asia/Seoul');
    expect(c.routes.default).toEqual({ route: 'default', channel: 'console', target: '' });
    expect(c.businessHours).toEqual([9, 18]);
    expect(c.peakHours).toEqual([{ from: '13:00', to: '14:00' }, { from: '18:00', to: '24:00' }]);
    expect(c.variables).toEqual({ response_hours: '24' });
  });

  it('parses routes to several platforms', () => {
    expect(parseRoutes('default=slack:C1, payment=discord:99')).toEqual({
      default: { route: 'default', channel: 'slack', target: 'C1' },
      payment: { route: 'payment', channel: 'discord', target: '99' },
    });
  });

  it('names the variable and what to fix', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Base' })).toThrow(/TIME_ZONE: unknown IANA time zone/);
    expect(() => loadConfig({ BUSINESS_HOURS: '18-9' })).toThrow(/BUSINESS_HOURS/);
    expect(() => loadConfig({ RESPONSE_HOURS: 'soon' })).toThrow(/RESPONSE_HOURS/);
    expect(() => parseRoutes('account=slack:C1')).toThrow(/default/);
    expect(() => parseRoutes('default=slack')).toThrow(/needs a channel id/);
    expect(() => parseRoutes('default=teams:1')).toThrow(ConfigError);
    expect(() => loadConfig({ CHANNELS: 'slack,irc' })).toThrow(/unknown channel "irc"/);
  });

  it('fills operator variables from the environment', () => {
    const c = loadConfig({ SERVICE_NAME: 'Example', SUPPORT_PHONE: '  ', RESPONSE_HOURS: '48' });
    expect(c.variables).toEqual({ service_name: 'Example', response_hours: '48' });
  });
});
