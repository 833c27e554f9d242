//go:build race

package usertoken

// raceEnabled reports whether the tests run under the race detector, whose sync.Pool
// drops items on purpose, so that allocation counts are not exact.
const raceEnabled = true
