/** The bot's choices as Discord components: a row of buttons, or a select menu when there are more than five. */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import type { Choice } from '../contract.js';
import { LIMITS, truncate } from './limits.js';

/** custom_id prefix of a choice button (`choice:<value>`). */
const CHOICE_BUTTON_PREFIX = 'choice:';
/** custom_id of the select menu that offers more than five choices. */
const CHOICE_SELECT_ID = 'choice';

/** Builds the action rows for a message's choices; values that cannot fit a custom_id are left out. */
export function choiceRows(choices: readonly Choice[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const usable = choices.filter((c) => c.value.length > 0 && CHOICE_BUTTON_PREFIX.length + c.value.length <= LIMITS.customId);
  if (usable.length === 0) return [];
  if (usable.length <= LIMITS.buttonsPerRow) {
    return [
      {
        type: ComponentType.ActionRow,
        components: usable.map((c, i) => ({
          type: ComponentType.Button,
          style: i === 0 ? ButtonStyle.Primary : ButtonStyle.Secondary,
          label: truncate(c.label || c.value, LIMITS.buttonLabel),
          custom_id: `${CHOICE_BUTTON_PREFIX}${c.value}`,
        })),
      },
    ];
  }
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: CHOICE_SELECT_ID,
          min_values: 1,
          max_values: 1,
          options: usable.slice(0, LIMITS.selectOptions).map((c) => ({ label: truncate(c.label || c.value, LIMITS.selectLabel), value: c.value })),
        },
      ],
    },
  ];
}

/** The choice value a button press or a select carries, or undefined when the component is not a choice. */
export function choiceValue(customId: string, selected: readonly string[] = []): string | undefined {
  if (customId === CHOICE_SELECT_ID) return selected[0];
  if (customId.startsWith(CHOICE_BUTTON_PREFIX)) return customId.slice(CHOICE_BUTTON_PREFIX.length) || undefined;
  return undefined;
}
