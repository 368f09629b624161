import { getContext, setContext } from 'svelte';
import { translate, type Locale, type MessageKey, type Values } from './core';

/** One screen's language. `t` reads `locale`, so text re-renders when it changes. */
export class I18n {
	locale = $state<Locale>('zh-CN');

	constructor(locale: Locale) {
		this.locale = locale;
	}

	t = (key: MessageKey, values?: Values): string => translate(this.locale, key, values);

	toggle = (): void => {
		this.locale = this.locale === 'zh-CN' ? 'en' : 'zh-CN';
	};
}

const KEY = Symbol('i18n');

export function setI18n(i18n: I18n): I18n {
	return setContext(KEY, i18n);
}

export function getI18n(): I18n {
	return getContext<I18n>(KEY);
}
