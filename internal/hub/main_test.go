package hub

import (
	"testing"

	"github.com/exhibit-app/exhibit/internal/hubtest"
)

func TestMain(m *testing.M) { hubtest.Main(m) }
