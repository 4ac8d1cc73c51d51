package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// parseNumber reads one number of a list given on the command line
// ("35.95"). A number too large for a float64 (1e309) is refused here;
// NaN and ±Inf parse, and are refused by the catalog's checks of what
// they are for (catalog.Near, catalog.Region), which say the range.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("%q is out of range", s)
	case err != nil:
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}
