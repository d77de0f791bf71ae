/** The template area's public surface: parse a .tpl, check its language, validate it. */
export { parseTemplate, splitSections, SERVER_CODE, WEB_CODE } from './parse';
export { decodePermission, decodePermissions, decodeTypedValue } from './decode-permissions';
export { checkLanguage, parseCode, RULES, type LanguageRule } from './language-rules';
export { validateTemplate } from './validate';
export { apiPermissions, requiredApis, findRequires, knownServerPermissions, type RequireUse } from './api-permissions';
