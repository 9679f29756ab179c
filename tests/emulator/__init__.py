"""Contract tests of the integrator.io emulator, over real HTTP."""
