/** Build entry: GTM runs the template code as a function body with `data` in scope. */
import { runTag } from './tag';

declare const data: unknown;

runTag(data);
