// swift-tools-version:6.0
// An example of using cartpole as a library: `swift run --package-path Examples/TrainAndRecord TrainAndRecord DIR`.
import PackageDescription

let package = Package(
    name: "TrainAndRecord",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "cartpole", path: "../..")],
    targets: [
        .executableTarget(name: "TrainAndRecord", dependencies: [.product(name: "CartPoleKit", package: "cartpole")])
    ]
)
