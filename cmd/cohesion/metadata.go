package main

// The application's identity, as FyneApp.toml at the top of the repository
// states it; TestMetadataMatchesFyneAppToml fails when the two drift apart.
const (
	appName    = "Cohésion"
	appID      = "fr.agglo-lenslievin.cohesion"
	appVersion = "0.1.0"
	appBuild   = 1
)
