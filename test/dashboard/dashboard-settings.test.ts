/** The dashboard's settings: loopback by default, refused on another address without a token, and the token's length. */
import { describe, expect, it } from 'vitest';
import { dashboardSettings, isLoopback } from '../../src/dashboard/dashboard-settings.js';
import { acceptedLang, requestLang } from '../../src/dashboard/dashboard-lang.js';

describe('dashboard settings', () => {
  it('listens on 127.0.0.1:3100 by default, with a token made up for this run', () => {
    const s = dashboardSettings({});
    expect(s).toMatchObject({ host: '127.0.0.1', port: 3100, generatedToken: true, secureCookies: false });
    expect(typeof s === 'object' && s.token.length).toBeGreaterThanOrEqual(16);
  });

  it('refuses a non-loopback address without DASHBOARD_TOKEN, in one line that says what to set', () => {
    expect(dashboardSettings({ DASHBOARD_HOST: '0.0.0.0' })).toBe(
      'DASHBOARD_HOST is 0.0.0.0, which is not a loopback address: set DASHBOARD_TOKEN (at least 16 characters) before serving the dashboard beyond this machine',
    );
    expect(dashboardSettings({ DASHBOARD_HOST: '0.0.0.0', DASHBOARD_TOKEN: 'short' })).toMatch(/^DASHBOARD_TOKEN is too short/);
    expect(dashboardSettings({ DASHBOARD_HOST: '0.0.0.0', DASHBOARD_TOKEN: 'x'.repeat(20), DASHBOARD_PORT: '8080' })).toMatchObject({ host: '0.0.0.0', port: 8080, generatedToken: false });
    expect(dashboardSettings({}, 'abc')).toBe('--port: "abc" is not a port number (0-65535)');
    expect([isLoopback('127.0.0.1'), isLoopback('::1'), isLoopback('localhost'), isLoopback('10.0.0.1')]).toEqual([true, true, true, false]);
  });

  it('picks the language from ?lang=, the cookie, then Accept-Language', () => {
    expect(acceptedLang('fr-FR, ko;q=0.8, en;q=0.5')).toBe('ko');
    expect(requestLang(undefined, undefined, 'en-US,en;q=0.9,ko;q=0.8')).toEqual({ lang: 'en', chosen: false });
    expect(requestLang(undefined, 'ko', 'en')).toEqual({ lang: 'ko', chosen: false });
    expect(requestLang('en', 'ko', 'ko')).toEqual({ lang: 'en', chosen: true });
  });
});
