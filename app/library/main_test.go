package library

import (
	_ "github.com/exhibit-app/exhibit/app/locale" // first: a locale Fyne can parse

	"testing"

	"github.com/exhibit-app/exhibit/app/apptest"
)

func TestMain(m *testing.M) { apptest.Main(m) }
