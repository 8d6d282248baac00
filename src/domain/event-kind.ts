/**
 * What kind of event a relevant report tells of, and how urgently a reader needs it.
 * Derived from evidence in the text (words of the pack's languages), never guessed: the
 * reason names the words that decided it, so a reader can check the label.
 */
export const EVENT_KINDS = ['announced', 'held', 'outcome', 'statement', 'report', 'analysis'] as const;
/**
 * - announced: a meeting or round announced or scheduled ("will meet", "to travel")
 * - held: talks under way or held ("met", "talks began")
 * - outcome: an agreement, document, joint statement or exchange done, or talks ended
 * - statement: a reaction or statement about the talks ("says", "rejects")
 * - report: a leak or report from sources ("sources say", "according to a draft")
 * - analysis: analysis or opinion ("analysis", "what … means")
 */
export type EventKind = (typeof EVENT_KINDS)[number];

export const URGENCIES = ['flash', 'high', 'normal'] as const;
/**
 * - flash: an agreement signed, a ceasefire declared, talks collapsing
 * - high: a round held or newly announced
 * - normal: everything else
 */
export type Urgency = (typeof URGENCIES)[number];

export interface EventAssessment {
  kind: EventKind;
  urgency: Urgency;
  /** One line in English: the label's evidence, as found in the text ("outcome: «agreed» in the headline"). */
  reason: string;
}

/** How an alert shows it: "FLASH · outcome", and the reason. */
export function describeEvent(event: EventAssessment): { label: string; reason: string } {
  return { label: `${event.urgency.toUpperCase()} · ${event.kind}`, reason: event.reason };
}
