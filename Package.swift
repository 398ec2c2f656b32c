// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cartpole",
    // Built and tested on Linux (Debian, x86-64); OutputFiles/Platform.swift holds what is Linux-specific.
    products: [
        // The workflows, with the Agent (learning), Render (drawing, encoding) and OutputFiles modules they use.
        .library(name: "CartPoleKit", targets: ["CartPoleKit", "Agent", "FileFormats", "Render", "OutputFiles"]),
        .executable(name: "cartpole", targets: ["CartPoleCLI"]),
        .executable(name: "cartpole-bench", targets: ["CartPoleBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat libavcodec libswscale libavutil",
            providers: [.apt(["libavcodec-dev", "libavformat-dev", "libswscale-dev", "libavutil-dev"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "OutputFiles"),
        // The kernels are optimised in debug builds too: the tests run the code a release build ships (the
        // contract in KernelBody.h makes their results the optimiser's no matter what), in a fraction of the time.
        .target(name: "NetworkKernels", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        .target(name: "Agent", dependencies: ["OutputFiles", "NetworkKernels"]),
        .target(name: "FileFormats", dependencies: ["Agent", "OutputFiles", "CZlib"]),
        .target(name: "Render", dependencies: ["CFFmpeg", "CCairo", "CZlib", "OutputFiles"]),
        .target(name: "CartPoleKit", dependencies: ["Agent", "FileFormats", "Render", "OutputFiles"]),
        .executableTarget(
            name: "CartPoleCLI",
            dependencies: [
                "CartPoleKit", "Agent", "FileFormats", "Render", "OutputFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "CartPoleBench", dependencies: ["Agent", "FileFormats", "Render", "CartPoleKit", "OutputFiles"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "OutputFilesTests", dependencies: ["OutputFiles", "TestSupport"]),
        .testTarget(name: "AgentTests", dependencies: ["Agent", "FileFormats", "OutputFiles", "TestSupport"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "CCairo", "TestSupport"]),
        .testTarget(
            name: "CartPoleKitTests",
            dependencies: ["CartPoleKit", "Agent", "FileFormats", "Render", "OutputFiles", "TestSupport"]),
        // End to end: each test runs the built `cartpole` and checks its output and files.
        .testTarget(
            name: "CLITests",
            dependencies: [
                "CartPoleCLI", "CartPoleKit", "Agent", "FileFormats", "OutputFiles", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ]
)
