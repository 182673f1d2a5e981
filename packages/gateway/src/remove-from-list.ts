/**
 * Removes the first `item` from `list` in place, keeping the order of the rest: what `list.splice(index, 1)` does,
 * without the array of removed items `splice` allocates for its result (once or twice per request, on the lists of
 * abort callbacks and deadline watches).
 */
export function removeFromList<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index === -1) return;
  for (let at = index + 1; at < list.length; at++) list[at - 1] = list[at]!;
  list.pop();
}
