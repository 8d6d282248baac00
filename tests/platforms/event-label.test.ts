import { describe, expect, it } from 'vitest';
import type { EventAssessment } from '../../src/domain/event-kind.js';
import { formatAlertForConsole } from '../../src/platforms/console/console-format.js';
import { formatAlertEmbed } from '../../src/platforms/discord/discord-format.js';
import { formatAlert } from '../../src/platforms/slack/slack-format.js';
import { createAlert } from '../builders/article.js';

/** Every alert shows the kind of event and its urgency, with the reason, on all three platforms. */
const event: EventAssessment = { kind: 'outcome', urgency: 'flash', reason: 'outcome: «agree to swap» in the headline; flash: prisoner exchange agreed (<@everyone> *x*)' };
const alert = createAlert({ event });

describe('the event label in alerts', () => {
  it('is on the console', () => {
    const text = formatAlertForConsole(alert, { color: false, timeZone: 'UTC' });
    expect(text).toContain('event: FLASH · outcome — outcome: «agree to swap» in the headline');
  });

  it('is in Slack, escaped', () => {
    const json = JSON.stringify(formatAlert(alert).blocks);
    expect(json).toContain('*FLASH · outcome*');
    expect(json).toContain('agree to swap');
    expect(json).not.toContain('<@everyone>');
  });

  it('is in Discord, as a field, escaped', () => {
    const field = formatAlertEmbed(alert).fields?.find((f) => f.name === 'Event');
    expect(field?.value).toContain('FLASH · outcome — outcome: «agree to swap»');
    expect(field?.value).not.toContain('<@everyone>');
  });

  it('is absent from alerts stored before it existed', () => {
    const old = createAlert();
    expect(formatAlertForConsole(old, { color: false, timeZone: 'UTC' })).not.toContain('event:');
    expect(formatAlertEmbed(old).fields?.some((f) => f.name === 'Event')).toBe(false);
  });
});
