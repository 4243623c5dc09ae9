/**
 * Keeps `value` under `key` in a map of at most `max` entries: when full, the oldest entry goes
 * first. For caches keyed by what comes from outside (locales, service URLs).
 */
export function keepAtMost<K, V>(map: Map<K, V>, max: number, key: K, value: V): void {
  const oldest = map.keys().next();
  if (map.size >= max && !oldest.done) map.delete(oldest.value);
  map.set(key, value);
}
